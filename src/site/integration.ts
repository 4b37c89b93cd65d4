// The Astro integration: wires the note links and the verified-block renderer into Astro's
// Markdown pipeline.

import { join } from 'node:path';
import { unified } from '@astrojs/markdown-remark';
import type { AstroIntegration } from 'astro';
import { renderFingerprint } from '../cli/cache.ts';
import remarkKnowledgeLinks from './remark-knowledge-links.ts';
import remarkVerifiedBlocks from './remark-verified-blocks.ts';
import { staticFiles } from './serve-static.ts';

export interface LabbookOptions {
  /** false builds the same pages without running any block (plain Astro Markdown), for benchmarks. */
  verify?: boolean;
}

export default function labbook({ verify = true }: LabbookOptions = {}): AstroIntegration {
  return {
    name: 'labbook',
    hooks: {
      'astro:config:setup': ({ command, config, updateConfig }) => {
        if (!verify) {
          updateConfig({
            markdown: {
              processor: unified({ remarkPlugins: [[remarkKnowledgeLinks, { failOnError: true }]] }),
            },
          });
          return;
        }
        // In `npm run dev` a failing note still renders, with its failures shown on the page.
        const options = { failOnError: command !== 'dev' };
        updateConfig({
          // Astro keeps rendered notes between builds, keyed by their text: pages rendered by
          // another engine live in another folder, so they are rendered again.
          cacheDir: new URL(`labbook-${renderFingerprint()}/`, config.cacheDir),
          markdown: {
            processor: unified({
              remarkPlugins: [
                [remarkKnowledgeLinks, options],
                [remarkVerifiedBlocks, options],
              ],
            }),
            syntaxHighlight: false,
          },
        });
      },
      // Pagefind indexes built pages only: the dev server searches the last build's index.
      'astro:server:setup': ({ server }) => {
        server.middlewares.use('/pagefind', staticFiles(join(process.cwd(), 'dist', 'pagefind')));
      },
    },
  };
}
