// Renders one note through the site's remark plugin for wiki-links, callouts and images, in
// a separate process: the plugin reads the knowledge base from content/ under the working
// directory, and Vitest's worker threads cannot change directory. Prints JSON: the HTML, or
// the error the build would stop with.
//
//   node test/site/remark-run.ts content/NOTE.md     (run with cwd = a folder holding content/)
import { readFileSync } from 'node:fs';
import rehypeStringify from 'rehype-stringify';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { VFile } from 'vfile';
import remarkKnowledgeLinks from '../../src/site/remark-knowledge-links.ts';

const path = process.argv[2];
const file = new VFile({ path, value: readFileSync(path, 'utf8') });
try {
  const html = await unified()
    .use(remarkParse)
    .use(remarkGfm)
    .use(remarkFrontmatter, ['yaml'])
    .use(remarkKnowledgeLinks)
    .use(remarkRehype, { allowDangerousHtml: true })
    .use(rehypeStringify, { allowDangerousHtml: true })
    .process(file);
  process.stdout.write(JSON.stringify({ html: String(html), error: null }));
} catch (error) {
  process.stdout.write(JSON.stringify({ html: null, error: (error as Error).message }));
}
