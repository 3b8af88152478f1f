import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createClient } from './api/client';
import { App } from './app/App';
import { createAppState } from './app/app-state';
import { ShellProvider } from './app/shell-context';
import './styles.css';

const state = createAppState(createClient());
void state.start();

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <ShellProvider shell={state.shell}>
      <App views={state.views} />
    </ShellProvider>
  </StrictMode>,
);
