import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import vue from '@vitejs/plugin-vue';

// Our layout is not electron-vite's default src/{main,preload,renderer}: entries are explicit.
export default defineConfig({
  main: {
    build: {
      lib: { entry: resolve(__dirname, 'src-main/electron/main.ts') },
      rollupOptions: { external: ['sql.js'] },
    },
  },
  preload: {
    build: {
      lib: { entry: resolve(__dirname, 'src-main/electron/preload.ts'), formats: ['cjs'] },
      rollupOptions: { output: { entryFileNames: '[name].cjs' } },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src-renderer'),
    base: '/_sandbox/',
    build: { rollupOptions: { input: resolve(__dirname, 'src-renderer/index.html') } },
    plugins: [vue()],
  },
});
