import 'dayjs/locale/zh-cn';
import { App as AntdApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { AppRouter } from './app/router';
import { AuthProvider } from './app/auth';
import { consoleTheme } from './app/theme';
import './styles.css';

dayjs.locale('zh-cn');

// Honour the system's "reduce motion" setting: no zoom or slide animations on dialogs, menus and messages.
const reducedMotion = window.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;

const container = document.getElementById('root');
if (!container) throw new Error('#root missing');

createRoot(container).render(
  <StrictMode>
    {/* No space inserted into two-character labels (登 录): screen readers and label-in-name read the plain word. */}
    <ConfigProvider
      locale={zhCN}
      theme={{ ...consoleTheme, token: { ...consoleTheme.token, motion: !reducedMotion } }}
      button={{ autoInsertSpace: false }}
    >
      <AntdApp>
        <AuthProvider>
          <AppRouter />
        </AuthProvider>
      </AntdApp>
    </ConfigProvider>
  </StrictMode>,
);
