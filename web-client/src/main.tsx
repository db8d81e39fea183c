/** Web client entry: checks the build's Firebase config, then mounts the app. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { configProblem } from './lib/firebase/config.ts';
import './styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
const problem = configProblem();
if (problem) {
  createRoot(root).render(
    <main className="app app-narrow">
      <p role="alert" className="error status">
        {problem}
      </p>
    </main>,
  );
} else {
  // Imported only with a usable config: initialising Firebase without one would fail obscurely.
  const { App } = await import('./App.tsx');
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
