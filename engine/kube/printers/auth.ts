// Identity and access rows: RoleBinding, ClusterRoleBinding, ServiceAccount and
// CertificateSigningRequest (printRoleBinding, printClusterRoleBinding, printServiceAccount,
// printCertificateSigningRequest in kubernetes pkg/printers/internalversion/printers.go).
// Roles and ClusterRoles have no printer: the API server answers with the default table.
// biome-ignore-all lint/suspicious/noExplicitAny: subjects and conditions are open JSON

import { humanDuration, translateTimestampSince } from '../api/duration.ts';
import type { KubeObject } from '../api/types.ts';
import { str } from './format.ts';
import { ageColumn, type Cell, column, type KindPrinter, nameColumn, type PrintContext } from './table.ts';

/** rbac.SubjectsStrings: users, groups and "namespace/name" service accounts. */
function subjectsStrings(subjects: any[] | undefined): [string[], string[], string[]] {
  const users: string[] = [];
  const groups: string[] = [];
  const serviceAccounts: string[] = [];
  for (const subject of subjects ?? []) {
    if (subject.kind === 'ServiceAccount')
      serviceAccounts.push(`${str(subject.namespace)}/${str(subject.name)}`);
    else if (subject.kind === 'User') users.push(str(subject.name));
    else if (subject.kind === 'Group') groups.push(str(subject.name));
  }
  return [users, groups, serviceAccounts];
}

function bindingColumns(kind: string) {
  return [
    nameColumn(),
    column('Role', 'string'),
    ageColumn(),
    column('Users', 'string', { wide: true, description: `Users in the ${kind}` }),
    column('Groups', 'string', { wide: true, description: `Groups in the ${kind}` }),
    column('ServiceAccounts', 'string', { wide: true, description: `ServiceAccounts in the ${kind}` }),
  ];
}

function printBinding(binding: KubeObject, ctx: PrintContext): Cell[] {
  const roleRef = (binding as any).roleRef ?? {};
  const [users, groups, serviceAccounts] = subjectsStrings((binding as any).subjects);
  return [
    str(binding.metadata.name),
    `${str(roleRef.kind)}/${str(roleRef.name)}`,
    translateTimestampSince(binding.metadata.creationTimestamp, ctx.now),
    users.join(', '),
    groups.join(', '),
    serviceAccounts.join(', '),
  ];
}

function printServiceAccount(sa: KubeObject, ctx: PrintContext): Cell[] {
  return [
    str(sa.metadata.name),
    ((sa as any).secrets ?? []).length,
    translateTimestampSince(sa.metadata.creationTimestamp, ctx.now),
  ];
}

/** extractCSRStatus: Denied, else Approved, else Pending; then ",Failed" and ",Issued". */
function csrStatus(csr: KubeObject): string {
  const types = new Set((csr.status?.conditions ?? []).map((c: any) => c.type));
  let status = types.has('Denied') ? 'Denied' : types.has('Approved') ? 'Approved' : 'Pending';
  if (types.has('Failed')) status += ',Failed';
  if (str(csr.status?.certificate).length > 0) status += ',Issued';
  return status;
}

const csrColumns = [
  nameColumn(),
  ageColumn(),
  column('SignerName', 'string'),
  column('Requestor', 'string'),
  column('RequestedDuration', 'string'),
  column('Condition', 'string'),
];

function printCertificateSigningRequest(csr: KubeObject, ctx: PrintContext): Cell[] {
  const spec = csr.spec ?? {};
  const requested =
    typeof spec.expirationSeconds === 'number' ? humanDuration(spec.expirationSeconds * 1000) : '<none>';
  return [
    str(csr.metadata.name),
    translateTimestampSince(csr.metadata.creationTimestamp, ctx.now),
    str(spec.signerName) || '<none>',
    str(spec.username),
    requested,
    csrStatus(csr),
  ];
}

export const authPrinters: Record<string, KindPrinter> = {
  RoleBinding: { columns: bindingColumns('roleBinding'), row: printBinding },
  ClusterRoleBinding: { columns: bindingColumns('clusterRoleBinding'), row: printBinding },
  ServiceAccount: {
    columns: [nameColumn(), column('Secrets', 'string'), ageColumn()],
    row: printServiceAccount,
  },
  CertificateSigningRequest: { columns: csrColumns, row: printCertificateSigningRequest },
};
