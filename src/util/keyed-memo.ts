/**
 * Values kept per object and string key, as long as the object lives: the choices a layout makes once per SOP model
 * and layout options (layout.ts widened decision lanes, decision-floor.ts, label-room.ts), so that every layout of
 * the same model and options (the PDF's measuring pass and its print) takes the same.
 */
export class KeyedMemo<O extends object, V> {
  private readonly store = new WeakMap<O, Map<string, V>>();

  /** The value kept for (`o`, `key`), undefined when none is. */
  get(o: O, key: string): V | undefined {
    return this.store.get(o)?.get(key);
  }

  /** Keeps `value` for (`o`, `key`) and returns it. */
  set(o: O, key: string, value: V): V {
    let m = this.store.get(o);
    if (!m) this.store.set(o, (m = new Map()));
    m.set(key, value);
    return value;
  }
}
