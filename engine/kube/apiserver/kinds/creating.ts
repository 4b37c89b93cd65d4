// Marks objects between a strategy's prepareForCreate and validate, because the store calls
// validate for both creates and updates and some rules (ValidatePodCreate, the CronJob name
// length) apply to creates only.

const creating = new WeakSet<object>();

/** Called from prepareForCreate. */
export function markCreating(obj: object): void {
  creating.add(obj);
}

/** True, once, when validate runs on an object being created. */
export function takeCreating(obj: object): boolean {
  const had = creating.has(obj);
  creating.delete(obj);
  return had;
}
