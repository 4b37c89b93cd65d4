// The Astro integration: wires the note links and the verified-block renderer into Astro's
// Markdown pipeline.
import { unified } from '@astrojs/markdown-remark';
import type { AstroIntegration } from 'astro';
import remarkKnowledgeLinks from './remark-knowledge-links.ts';
import remarkVerifiedBlocks from './remark-verified-blocks.ts';

export default function labbook(): AstroIntegration {
  return {
    name: 'labbook',
    hooks: {
      'astro:config:setup': ({ updateConfig }) => {
        updateConfig({
          markdown: {
            processor: unified({ remarkPlugins: [remarkKnowledgeLinks, remarkVerifiedBlocks] }),
            syntaxHighlight: false,
          },
        });
      },
    },
  };
}
