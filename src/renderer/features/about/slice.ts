import { createSliceContext } from '../../ui/slice-context';

/** About reads only what the shell has (app.info) and what the build wrote in: no stores of its own. */
export type AboutSlice = Record<string, never>;

export const aboutSlice = createSliceContext<AboutSlice>('About');
