/** A function's answers kept by argument: for pure formatting called with the same few values many times over. */
export const memo = <K, V>(f: (k: K) => V): ((k: K) => V) => {
  const cache = new Map<K, V>();
  return (k) => {
    let v = cache.get(k);
    if (v === undefined) {
      v = f(k);
      cache.set(k, v);
    }
    return v;
  };
};
