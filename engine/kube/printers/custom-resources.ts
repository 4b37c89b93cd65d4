// Which printer columns the API server's table convertor uses for a custom resource: the served
// version's additionalPrinterColumns of its CRD (apiextensions-apiserver
// pkg/registry/customresource/tableconvertor, via apihelpers.GetColumnsForVersion), the rows
// themselves being built by buildCustomResourceTable (defaults.ts).
import type { KubeObject } from '../api/types.ts';
import type { CustomResourceColumn } from './defaults.ts';

interface CRDVersion {
  name?: string;
  additionalPrinterColumns?: CustomResourceColumn[];
}

/**
 * GetColumnsForVersion: the named version's additionalPrinterColumns (an empty list when it
 * declares none, which the convertor turns into NAME and AGE).
 */
export function printerColumnsFor(crd: KubeObject, version: string): CustomResourceColumn[] {
  const versions: CRDVersion[] = crd.spec?.versions ?? [];
  const served = versions.find((v) => v.name === version);
  return (served?.additionalPrinterColumns ?? []).map((c) => ({ ...c }));
}
