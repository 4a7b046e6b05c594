import { ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import { StrictMode, startTransition } from 'react';
import { createRoot } from 'react-dom/client';
import { AppRouter } from './app/router';
import { AuthProvider } from './app/auth';
import { consoleTheme } from './app/theme';
import './styles.css';

// Honour the system's "reduce motion" setting: no zoom or slide animations on dialogs, menus and messages.
const reducedMotion = window.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;

const container = document.getElementById('root');
if (!container) throw new Error('#root missing');

const app = (
  <StrictMode>
    {/* No space inserted into two-character labels (登 录): screen readers and label-in-name read the plain word. */}
    <ConfigProvider
      locale={zhCN}
      theme={{ ...consoleTheme, token: { ...consoleTheme.token, motion: !reducedMotion } }}
      button={{ autoInsertSpace: false }}
    >
      {/* antd's <App> (message, modal, notification) and dayjs's zh-cn locale come with the signed-in layout. */}
      <AuthProvider>
        <AppRouter />
      </AuthProvider>
    </ConfigProvider>
  </StrictMode>
);

// The first render as a transition: React renders in slices instead of one long task (Total Blocking Time).
const root = createRoot(container);
startTransition(() => root.render(app));
