import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { constants as zlibConstants } from 'node:zlib';
import { defineConfig } from 'vite';
import { compression, defineAlgorithm } from 'vite-plugin-compression2';

const inWeb = (path: string) => fileURLToPath(new URL(`./web/${path}`, import.meta.url));

const ANTD =
  /node_modules[\\/](antd|@ant-design|@rc-component|rc-[^\\/]+|@emotion|dayjs|@babel[\\/]runtime|classnames|clsx|scroll-into-view-if-needed|compute-scroll-into-view|throttle-debounce|json2mq|string-convert|is-mobile|stylis|@ctrl|react-is)[\\/]/;

// The console lives in web/ and is served by the Fastify server from dist/web. The public case page's verification
// script (web/verify) is a second entry with a fixed name, /assets/verify.js, that the server-rendered page loads;
// the public inspection task's re-run of the draw (web/verify/redraw.ts) a third, /assets/redraw.js.
export default defineConfig({
  root: 'web',
  base: '/',
  plugins: [
    react(),
    // .br and .gz next to every text file of the build, sent as they are by @fastify/static (preCompressed).
    compression({
      algorithms: [
        defineAlgorithm('brotliCompress', { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 11 } }),
        defineAlgorithm('gzip', { level: 9 }),
      ],
      // index.html too (under 1 KB); a file that would not shrink keeps no sibling.
      threshold: 0,
      logLevel: 'silent',
    }),
  ],
  build: {
    outDir: '../dist/web',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1600,
    rolldownOptions: {
      input: { index: inWeb('index.html'), verify: inWeb('verify/verify.ts'), redraw: inWeb('verify/redraw.ts') },
      output: {
        entryFileNames: (chunk) =>
          chunk.name === 'verify' || chunk.name === 'redraw' ? `assets/${chunk.name}.js` : 'assets/[name]-[hash].js',
        // The antd groups are named after the pages that share them ("antd~CasesPage~…"); the hash is enough.
        chunkFileNames: (chunk) =>
          chunk.name.startsWith('antd~') ? 'assets/antd-[hash].js' : 'assets/[name]-[hash].js',
        codeSplitting: {
          groups: [
            {
              name: 'react',
              test: /node_modules[\\/](react|react-dom|react-router|scheduler|cookie|set-cookie-parser)[\\/]/,
              priority: 30,
            },
            // What the login page needs of antd: one chunk.
            {
              name: 'antd-login',
              test: ANTD,
              tags: ['$initial'],
              priority: 20,
            },
          ],
        },
      },
    },
  },
  server: {
    proxy: {
      '/api': { target: 'http://127.0.0.1:3000', changeOrigin: false },
    },
  },
});
