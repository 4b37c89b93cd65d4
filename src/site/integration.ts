// The Astro integration: wires the verified-block renderer into Astro's Markdown pipeline.
import { unified } from '@astrojs/markdown-remark';
import type { AstroIntegration } from 'astro';
import remarkVerifiedBlocks from './remark-verified-blocks.ts';

export default function labbook(): AstroIntegration {
  return {
    name: 'labbook',
    hooks: {
      'astro:config:setup': ({ updateConfig }) => {
        updateConfig({
          markdown: { processor: unified({ remarkPlugins: [remarkVerifiedBlocks] }), syntaxHighlight: false },
        });
      },
    },
  };
}
