// curl's progress meter (lib/progress.c as it prints in 7.88): the two heading lines and one
// line per update, with sizes and speeds in curl's five-character form (max5data()).
export const METER_HEAD =
  '  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n' +
  '                                 Dload  Upload   Total   Spent    Left  Speed\n';

/** max5data(): up to 99999 as is, then k and M with one decimal below 100M. */
function max5(n: number): string {
  const k = 1024;
  if (n < 100000) return String(n).padStart(5);
  if (n < 10000 * k) return `${Math.floor(n / k)}k`.padStart(5);
  if (n < 100 * k * k) return `${Math.floor(n / (k * k))}.${Math.floor((n % (k * k)) / ((k * k) / 10))}M`;
  return `${Math.floor(n / (k * k))}M`.padStart(5);
}

function spent(seconds: number): string {
  if (seconds <= 0) return '--:--:--';
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  return `${h}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`.padStart(8);
}

/**
 * One meter line: `total` expected bytes, `got` received, over `elapsedMs` (for the speed);
 * `spentSeconds` for the Spent column.
 */
export function meterLine(
  total: number,
  got: number,
  elapsedMs: number,
  spentSeconds: number,
  done = false,
): string {
  const pct = (n: number) => String(total > 0 ? Math.floor((n * 100) / total) : 0).padStart(3);
  const speed = done && elapsedMs > 0 ? Math.floor((got * 1000) / elapsedMs) : 0;
  return (
    `${pct(got)} ${max5(total)}  ${pct(got)} ${max5(got)}  ${pct(0)} ${max5(0)}  ${max5(speed)}  ${max5(0)} ` +
    `--:--:-- ${spent(spentSeconds)} --:--:-- ${max5(speed)}`
  );
}
