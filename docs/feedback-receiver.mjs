// A reference receiver for "Is this page useful?" (docs/feedback.md), for testing: Node 20
// or newer, nothing to install. It prints each answer as a line of JSON on its output.
//   node docs/feedback-receiver.mjs https://hub.example.org [port] >> answers.jsonl
import { createServer } from "node:http";

const site = new URL(process.argv[2] ?? "http://127.0.0.1:1111").origin; // the site's origin
const port = Number(process.argv[3] ?? 8787);
const onSite = (url) => URL.canParse(url) && new URL(url).origin === site;

const server = createServer((req, res) => {
  // The background post from the site's pages may read the answer; no other site's may.
  res.setHeader("Vary", "Origin");
  if (req.headers.origin === site) res.setHeader("Access-Control-Allow-Origin", site);
  if (req.method === "OPTIONS") {
    res.writeHead(204, { "Access-Control-Allow-Methods": "POST", "Access-Control-Allow-Headers": "Content-Type" });
    return res.end();
  }
  const form = (req.headers["content-type"] ?? "").startsWith("application/x-www-form-urlencoded");
  if (req.method !== "POST" || !form) return res.writeHead(405).end();
  let body = "";
  req.setEncoding("utf8");
  req.on("data", (chunk) => {
    body += chunk;
    if (body.length > 10000) req.destroy(); // far more than a comment of 2000 characters
  });
  req.on("end", () => {
    const f = new URLSearchParams(body);
    const [useful, comment, page, lang, back] =
      ["useful", "comment", "page", "lang", "return_to"].map((k) => f.get(k) ?? "");
    const valid = ["yes", "no"].includes(useful) && onSite(page) && onSite(back) &&
      /^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/.test(lang) && comment.length <= 2000;
    if (!valid) return res.writeHead(400).end();
    // The trap: a person never sees the field, a bot fills it in. It is told nothing.
    if (!f.get("website")) {
      const time = new Date().toISOString();
      console.log(JSON.stringify({ time, page, lang, useful, comment }));
    }
    // fetch() asks for JSON and needs no page; a plain post goes back to the page.
    if ((req.headers.accept ?? "").includes("application/json")) return res.writeHead(204).end();
    res.writeHead(303, { Location: back }).end();
  });
});
server.listen(port, "127.0.0.1", () => {
  console.error(`feedback for ${site} on http://127.0.0.1:${server.address().port}/`);
});
