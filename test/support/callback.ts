/** A node-style callback for the client libraries (`done`) and the promise of what it is called with (`result`). */
export function callback<T>(): { done: (error: Error | null | undefined, result?: T) => void; result: Promise<T> } {
  let done!: (error: Error | null | undefined, result?: T) => void;
  const result = new Promise<T>((resolve, reject) => {
    done = (error, value) => (error ? reject(error) : resolve(value as T));
  });
  return { done, result };
}
