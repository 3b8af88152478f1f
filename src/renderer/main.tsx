import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createClient } from './api/client';
import { App } from './app/App';
import { AppStateProvider } from './app/shell-context';
import { createAppState } from './app/app-state';
import './styles.css';

const state = createAppState(createClient());
void state.start();

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <AppStateProvider state={state}>
      <App />
    </AppStateProvider>
  </StrictMode>,
);
