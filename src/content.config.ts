// Content collections: every Markdown note under content/ is a note of the knowledge base.

import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { z } from 'astro/zod';
import { noteId } from './site/note-index.ts';

const notes = defineCollection({
  loader: glob({
    pattern: '**/*.{md,markdown}',
    base: process.env.LABBOOK_CONTENT ?? './content',
    // The same page ids the note index resolves links to.
    generateId: ({ entry, data }) => noteId(entry, data),
  }),
  // Front matter from Obsidian, Docusaurus, Jekyll and Hugo notes is accepted as written.
  schema: z
    .object({
      title: z.string().optional(),
      tags: z.union([z.array(z.string()), z.string()]).optional(),
      tag: z.union([z.array(z.string()), z.string()]).optional(),
      date: z.coerce.date().optional(),
      draft: z.boolean().optional(),
    })
    .passthrough(),
});

export const collections = { notes };
