import { useRef, useState } from 'react';

/**
 * State whose latest value is readable at once through a ref. Key handlers read it: several keys
 * can arrive (a paste, fast typing) before React re-renders with the new handler.
 */
export function useStateRef<T>(initial: T | (() => T)): [T, (next: T | ((current: T) => T)) => void, { readonly current: T }] {
  const [value, setValue] = useState<T>(initial);
  const ref = useRef(value);
  const set = (next: T | ((current: T) => T)): void => {
    ref.current = typeof next === 'function' ? (next as (current: T) => T)(ref.current) : next;
    setValue(ref.current);
  };
  return [value, set, ref];
}
