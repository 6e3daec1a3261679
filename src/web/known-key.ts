/**
 * The value of `key` in a fixed table, only among the table's own entries:
 * a key from the address (?notice=constructor) or from outside data never
 * reaches what every object inherits (constructor, __proto__, toString).
 */
export function ownValue<V>(table: Readonly<Record<string, V>>, key: string | null | undefined): V | undefined {
  return key != null && Object.hasOwn(table, key) ? table[key] : undefined;
}
