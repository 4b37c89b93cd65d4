// kubectl's non-table output formats (-o yaml|json|jsonpath|custom-columns|name) as pure functions over plain objects.
export {
  type Column,
  CustomColumnsError,
  parseCustomColumnsSpec,
  parseCustomColumnsTemplate,
  printCustomColumns,
  relaxedJsonPathExpression,
} from './custom-columns.ts';
export type { NumberMode } from './go-values.ts';
export { type JsonOptions, listOf, toJson, toJsonList } from './json.ts';
export { findJsonPathResults, JsonPathError, type JsonPathOptions, jsonpath } from './jsonpath.ts';
export { formatName, groupOf, toNames } from './name.ts';
export { toYaml, toYamlDocuments, toYamlList, YamlError } from './yaml.ts';
