// The three-way merge of client-side apply: fields set in the new manifest win, fields that
// the previous manifest set and the new one dropped are removed, others keep their live
// value. Lists of containers, ports and env merge by their key, as strategic merge does.

type Json = unknown;
type Obj = Record<string, Json>;

const MERGE_KEYS: Record<string, string> = {
  containers: 'name',
  initContainers: 'name',
  ports: 'containerPort',
  env: 'name',
  volumes: 'name',
  volumeMounts: 'mountPath',
  imagePullSecrets: 'name',
};

function isObj(v: Json): v is Obj {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function mergeList(key: string, previous: Json, desired: Json[], live: Json): Json[] {
  const mk = MERGE_KEYS[key];
  if (!mk || !Array.isArray(live) || !desired.every(isObj)) return desired;
  const prevList = Array.isArray(previous) ? previous : [];
  const keyOf = (o: Json) =>
    isObj(o)
      ? String(o[key === 'ports' && o.port !== undefined && o.containerPort === undefined ? 'port' : mk])
      : '';
  return desired.map((d) => {
    const l = live.find((x) => keyOf(x) === keyOf(d));
    const p = prevList.find((x) => keyOf(x) === keyOf(d));
    return l === undefined ? d : mergeValue(p, d, l);
  });
}

function mergeValue(previous: Json, desired: Json, live: Json): Json {
  if (isObj(desired) && isObj(live)) return threeWayMerge(isObj(previous) ? previous : {}, desired, live);
  return desired;
}

export function threeWayMerge<T>(previous: Obj, desired: T, live: T): T {
  const d = desired as unknown as Obj;
  const out = { ...(live as unknown as Obj) };
  for (const [key, value] of Object.entries(d)) {
    if (Array.isArray(value)) out[key] = mergeList(key, previous[key], value, out[key]);
    else out[key] = mergeValue(previous[key], value, out[key]);
  }
  for (const key of Object.keys(previous)) {
    if (!(key in d)) delete out[key];
  }
  return out as unknown as T;
}
