// Where the server writes its lines. Tests pass `silentLog` or a collecting sink.
export interface LogSink {
  info: (line: string) => void;
  error: (line: string) => void;
}

export const consoleLog: LogSink = {
  info: (line) => process.stdout.write(`${line}\n`),
  error: (line) => process.stderr.write(`${line}\n`),
};

export const silentLog: LogSink = { info: () => {}, error: () => {} };
