// kubectl auth whoami: the SelfSubjectReview the API server answers for the requesting user,
// printed as an ATTRIBUTE/VALUE table or as the object (k8s.io/kubectl pkg/cmd/auth/whoami.go).
import type { KubeObject } from '../../api/types.ts';
import type { UserInfo } from '../../auth/rbac.ts';
import { tabulate } from '../../text/tabwriter.ts';
import { type Kubectl, KubectlError } from '../context.ts';
import { type ParsedFlags, str } from '../flags.ts';
import { objectPrintOptions, printObjects } from '../print.ts';

/** The authentication.k8s.io/v1 SelfSubjectReview the API server returns for `user`. */
export function selfSubjectReview(user: UserInfo): KubeObject {
  const userInfo: Record<string, unknown> = { username: user.name };
  if (user.groups.length) userInfo.groups = [...user.groups];
  return {
    kind: 'SelfSubjectReview',
    apiVersion: 'authentication.k8s.io/v1',
    metadata: { creationTimestamp: null },
    status: { userInfo },
  };
}

/** printTableSelfSubjectAccessReview: Username, UID and Groups rows (Go's %v of a slice). */
function userTable(review: KubeObject): string {
  const info = review.status?.userInfo ?? {};
  let text = 'ATTRIBUTE\tVALUE\n';
  if (info.username) text += `Username\t${info.username}\n`;
  if (info.uid) text += `UID\t${info.uid}\n`;
  if (info.groups?.length) text += `Groups\t[${info.groups.join(' ')}]\n`;
  for (const key of Object.keys(info.extra ?? {}).sort())
    text += `Extra: ${key}\t[${(info.extra[key] as string[]).join(' ')}]\n`;
  return tabulate(text);
}

export function whoami(k: Kubectl, flags: ParsedFlags, user: UserInfo): number {
  if (flags.args.length > 1)
    throw new KubectlError(`error: unknown command "${flags.args[1]}" for "kubectl auth whoami"`);
  const review = selfSubjectReview(user);
  const output = str(flags, 'output');
  if (!output) {
    k.out(userTable(review));
    return 0;
  }
  const type = k.cluster().type('selfsubjectreviews');
  const options = objectPrintOptions(output);
  k.out(printObjects([{ type, objects: [review] }], options, true));
  return 0;
}
