// The comment match (extensions/libxt_comment.c): text kept with the rule, at most 255
// characters (longer ones are cut silently), listed raw as "/* text */", saved quoted if needed.
import { defineMatch, optionPrecheck } from '../module.ts';
import { saveString } from '../xtables.ts';

interface CommentData {
  comment: string;
}

/** XT_MAX_COMMENT_LEN is 256 including the terminating NUL. */
const MAX = 255;

export const commentMatch = defineMatch<CommentData>({
  name: 'comment',
  options: [{ name: 'comment', id: 0, arg: true, mand: true }],
  init: () => ({ comment: '' }),
  parse(d, opt, arg, invert, _ctx, flags) {
    optionPrecheck('comment', opt, arg, invert, flags);
    d.comment = arg!.slice(0, MAX);
  },
  save: (d) => ` --comment${saveString(d.comment)}`,
  print: (d) => ` /* ${d.comment} */`,
  match: () => true,
});
