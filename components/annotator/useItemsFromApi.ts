'use client';

import { useEffect, useState, type Dispatch, type SetStateAction } from 'react';
import { callApi } from '@/lib/http/client';

/**
 * The `items` of a GET list endpoint, fetched again whenever `path` or `refreshKey` changes; an
 * answer that arrives after the next fetch has started is dropped. The setter lets a caller add
 * what it wrote itself.
 */
export function useItemsFromApi<T>(
  path: string,
  refreshKey: number,
): { items: T[] | null; setItems: Dispatch<SetStateAction<T[] | null>>; loadError: string | null } {
  const [items, setItems] = useState<T[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    void callApi<{ items: T[] }>('GET', path).then((result) => {
      if (!live) return;
      if (result.ok) {
        setItems(result.data.items);
        setLoadError(null);
      } else setLoadError(result.message);
    });
    return () => {
      live = false;
    };
  }, [path, refreshKey]);

  return { items, setItems, loadError };
}
