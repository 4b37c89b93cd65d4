// intstr.GetScaledValueFromIntOrPercent: "25%" of a total, rounded up or down, or a plain int.
export function scaledValue(value: number | string | undefined, total: number, roundUp: boolean): number {
  if (value === undefined) return 0;
  if (typeof value === 'number') return value;
  const m = /^(\d+)%$/.exec(value);
  if (!m) return Number.parseInt(value, 10) || 0;
  const exact = (Number(m[1]) * total) / 100;
  return roundUp ? Math.ceil(exact) : Math.floor(exact);
}

/** deploymentutil.ResolveFenceposts: surge rounds up, unavailable down, never both zero. */
export function resolveFenceposts(
  surge: number | string | undefined,
  unavailable: number | string | undefined,
  desired: number,
): [number, number] {
  const s = scaledValue(surge ?? '25%', desired, true);
  let u = scaledValue(unavailable ?? '25%', desired, false);
  if (s === 0 && u === 0) u = 1;
  return [s, u];
}
