/**
 * The contract between bench/children.ts and a worker: input is one JSON argument, the result
 * is one JSON line on stdout. Workers exit explicitly so keep-alive sockets cannot hold them.
 */
export const readInput = <T>(): T => JSON.parse(process.argv[2] ?? "{}") as T;

export const runWorkerMain = (main: () => Promise<unknown>): void => {
  main().then(
    (result) => {
      process.stdout.write(`${JSON.stringify(result)}\n`, () => process.exit(0));
    },
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
};
