// Times write-good (a regex prose linter from npm) on the texts HelpAsk's benchmark uses.
// Usage: node speed.js DIR   (DIR holds short.txt, medium.txt and long.txt from `helpask-benchmarks export DIR`)
const fs = require("fs");
const path = require("path");
const writeGood = require("write-good");

const dir = process.argv[2];
if (!dir) {
  console.error("usage: node speed.js DIR");
  process.exit(2);
}

for (const [name, runs] of [["short", 20000], ["medium", 2000], ["long", 100]]) {
  const text = fs.readFileSync(path.join(dir, `${name}.txt`), "utf8");
  writeGood(text);
  const start = process.hrtime.bigint();
  for (let i = 0; i < runs; i++) {
    writeGood(text);
  }
  const micros = Number(process.hrtime.bigint() - start) / 1000 / runs;
  console.log(`${name} (${text.length} chars): ${micros.toFixed(1)} µs per check, ${(text.length / micros).toFixed(2)} MB/s`);
}
