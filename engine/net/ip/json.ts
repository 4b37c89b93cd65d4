// JSON as iproute2's json_writer prints it: compact with -j, and with -j -p its own layout
// (`[ {`, four spaces per level, `},{` between elements, flat arrays of scalars).

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

function scalar(v: JsonValue): string {
  return JSON.stringify(v);
}

export function writeJson(value: JsonValue, pretty: boolean): string {
  if (!pretty) return JSON.stringify(value);
  const out: string[] = [];
  const emit = (v: JsonValue, depth: number) => {
    if (Array.isArray(v)) {
      out.push('[');
      v.forEach((el, i) => {
        out.push(i === 0 ? ' ' : ',');
        emit(el, depth + 1);
      });
      out.push(v.length ? ' ]' : ' ]');
      return;
    }
    if (v !== null && typeof v === 'object') {
      out.push('{');
      const entries = Object.entries(v);
      entries.forEach(([k, val], i) => {
        if (i > 0) out.push(',');
        out.push(`\n${' '.repeat((depth + 1) * 4)}${JSON.stringify(k)}: `);
        emit(val, depth + 1);
      });
      if (entries.length) out.push(`\n${' '.repeat(depth * 4)}`);
      out.push('}');
      return;
    }
    out.push(scalar(v));
  };
  emit(value, 0);
  return out.join('');
}
