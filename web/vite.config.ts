import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

// The web UI is built into web/dist, which the Fastify server serves beside the API.
// It is an installable app (web manifest, Workbox service worker): the shell and the driver's and
// host's pages are precached, so a phone with no signal still opens them after a reload; the data
// itself is kept by the pages (web/src/offline.ts) with the time it was fetched.
export default defineConfig({
  root: import.meta.dirname,
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 1500 },
  server: { proxy: { '/api': 'http://127.0.0.1:3000', '/healthz': 'http://127.0.0.1:3000' } },
  plugins: [
    VitePWA({
      registerType: 'autoUpdate',
      injectRegister: 'script-defer',
      includeAssets: ['icon.svg', 'apple-touch-icon.png'],
      manifest: {
        id: '/',
        name: 'Rove 流动科普巡展',
        short_name: 'Rove 巡展',
        description: '流动科普巡展的行程与接待：司机的行程、县里的接待安排，没有信号也能打开。',
        lang: 'zh-CN',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        background_color: '#ffffff',
        theme_color: '#0b5cad',
        icons: [
          { src: 'icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: 'icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: 'icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      workbox: {
        // A new worker takes over at once, and the first one takes the page that registered it:
        // the first visit after signing in is already the one that works with no signal. (The
        // plugin sets these itself for 'autoUpdate' only with injectRegister 'auto', not with
        // 'script-defer'.)
        skipWaiting: true,
        clientsClaim: true,
        globPatterns: ['**/*.{js,css,html,png,svg,woff2}'],
        maximumFileSizeToCacheInBytes: 6 * 1024 * 1024,
        // Any page load (a reload, the installed app's start) is answered with the precached shell,
        // so it opens with no signal; the page then asks the API and falls back on what it kept.
        navigateFallback: 'index.html',
        // The API (with its printable pages), the calendar feeds, the docs and the health check are
        // the server's, never the shell.
        navigateFallbackDenylist: [/^\/api\//, /^\/feeds\//, /^\/docs/, /^\/healthz/],
        cleanupOutdatedCaches: true,
      },
    }),
  ],
});
