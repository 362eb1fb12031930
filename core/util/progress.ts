/** A one-line progress display on a terminal; plain milestone lines when output is piped. */
export function progressLine(stream: NodeJS.WriteStream = process.stderr) {
  let lastPlain = "";
  return {
    update(label: string, done: number, total: number, extra = ""): void {
      const pct = total ? Math.floor((done / total) * 100) : 100;
      if (stream.isTTY) {
        const width = 24;
        const bar = "█".repeat(Math.round((pct / 100) * width)).padEnd(width, "░");
        stream.write(`\r${label.padEnd(10)} ${bar} ${String(pct).padStart(3)}% ${done}/${total} ${extra}`.padEnd(90));
        if (done >= total) stream.write("\n");
      } else if (done >= total && lastPlain !== label) {
        lastPlain = label;
        stream.write(`${label}: ${done}/${total} ${extra}\n`);
      }
    },
  };
}
