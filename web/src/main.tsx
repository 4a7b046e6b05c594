import { ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import { StrictMode, startTransition } from 'react';
import { createRoot } from 'react-dom/client';
import { AppRouter } from './app/router';
import { AuthProvider } from './app/auth';
import './styles.css';

const container = document.getElementById('root');
if (!container) throw new Error('#root missing');

const app = (
  <StrictMode>
    <ConfigProvider
      locale={zhCN}
      theme={{
        token: {
          colorPrimary: '#1f4e9c',
          borderRadius: 6,
          fontFamily:
            "-apple-system, BlinkMacSystemFont, 'Segoe UI', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'WenQuanYi Micro Hei', sans-serif",
        },
      }}
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
