import { PGlite } from "@electric-sql/pglite";

let t = performance.now();
const a = new PGlite();
await a.waitReady;
console.log("open", performance.now() - t);
t = performance.now();
await a.exec("create table x(a int); insert into x values (1)");
const dump = await a.dumpDataDir("none");
console.log("dump", performance.now() - t, dump.size);
t = performance.now();
const b = new PGlite({ loadDataDir: dump });
await b.waitReady;
console.log("load", performance.now() - t, (await b.query("select * from x")).rows);
t = performance.now();
const c = new PGlite({ loadDataDir: dump });
await c.waitReady;
console.log("load2", performance.now() - t);
