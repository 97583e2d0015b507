import { defineConfig } from 'vite';

// Served by the gateway under /console/; the bundle goes straight into Maven's classes so it lands in the jar
// (classpath resource console/...). Nothing built is committed.
export default defineConfig({
  base: '/console/',
  build: {
    outDir: '../target/classes/console',
    emptyOutDir: true,
    assetsDir: 'assets',
    sourcemap: false,
  },
});
