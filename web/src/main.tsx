import './app/app.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RootApp } from './app/app';
import { initI18n } from './i18n';

initI18n();

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');
createRoot(container).render(
  <StrictMode>
    <RootApp />
  </StrictMode>,
);
