import react from '@vitejs/plugin-react';
import { resolve } from 'node:path';
import { defineConfig } from 'vite';

const webRoot = import.meta.dirname;

/**
 * The web app build. Vendor code that changes rarely and is large (antd, echarts, leaflet)
 * goes into its own chunks so an app-only release does not invalidate the browser cache for it.
 */
export default defineConfig({
  root: webRoot,
  publicDir: resolve(webRoot, 'public'),
  plugins: [react()],
  build: {
    outDir: resolve(webRoot, 'dist'),
    emptyOutDir: true,
    sourcemap: false,
    // antd with its rc-components is one long-cached vendor chunk of ~1.05 MB minified (~330 KB gzip);
    // the limit sits just above it so that growth elsewhere still warns.
    chunkSizeWarningLimit: 1200,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            // React first: the other groups pull in their dependencies, and react-dom must not land in antd's chunk.
            {
              name: 'vendor-react',
              test: /node_modules[\\/](react|react-dom|scheduler|react-router|cookie|set-cookie-parser|i18next|react-i18next|html-parse-stringify|void-elements|use-sync-external-store)[\\/]/,
              priority: 40,
            },
            { name: 'vendor-echarts', test: /node_modules[\\/](echarts|zrender)[\\/]/, priority: 30 },
            { name: 'vendor-leaflet', test: /node_modules[\\/]leaflet[\\/]/, priority: 30 },
            {
              name: 'vendor-antd',
              test: /node_modules[\\/](antd|@ant-design|@rc-component|rc-[^\\/]+|dayjs|@emotion|stylis|classnames|scroll-into-view-if-needed|compute-scroll-into-view|throttle-debounce)[\\/]/,
              priority: 20,
            },
          ],
        },
      },
    },
  },
  server: {
    proxy: {
      '/api': { target: 'http://localhost:3000', changeOrigin: false },
    },
  },
});
