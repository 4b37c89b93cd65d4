// Astro configuration: the site is built from content/ by the labbook integration.
import { defineConfig } from 'astro/config';
import labbook from './src/site/integration.ts';

export default defineConfig({
  integrations: [labbook()],
  build: { format: 'directory' },
});
