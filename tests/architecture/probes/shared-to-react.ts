// Linted as src/shared/probe.ts: shared runs everywhere and imports only zod and shared.
import { useState } from 'react';

export const probe = useState;
