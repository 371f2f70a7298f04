/** Colours of each theme; `--cb-accent` is set from data-accent, `--cb-link` is the accent made readable on the theme. */
const LIGHT =
  "color-scheme:light;--cb-ink:#1d2433;--cb-muted:#5b6476;--cb-line:#e3e6ee;--cb-bg:#fff;--cb-soft:#f4f6fb;--cb-link:var(--cb-accent);" +
  "--cb-warn-bg:#fbf8ef;--cb-warn-line:#ecdfb8;--cb-warn-ink:#5c4d1f;--cb-warn-badge:#7a5f14;--cb-err-bg:#fdf2f2;--cb-err-line:#f2c7c7;--cb-err-ink:#8f1d1d";
const DARK =
  "color-scheme:dark;--cb-ink:#e7eaf1;--cb-muted:#a6aec0;--cb-line:#353c4d;--cb-bg:#1b1f2a;--cb-soft:#12151d;" +
  "--cb-link:color-mix(in srgb,var(--cb-accent) 45%,#fff);--cb-warn-bg:#29251a;--cb-warn-line:#5a4a1e;--cb-warn-ink:#efdfae;" +
  "--cb-warn-badge:#e3c56c;--cb-err-bg:#2d1719;--cb-err-line:#6b2a2e;--cb-err-ink:#ffb8b8";

/** The widget's styles, scoped by its shadow root. */
export const CSS = `
:host{all:initial}
.cb{${LIGHT};font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:var(--cb-ink);
-webkit-font-smoothing:antialiased}
.cb.theme-dark{${DARK}}
@media (prefers-color-scheme:dark){.cb.theme-auto{${DARK}}}
.cb *{box-sizing:border-box}
button{font:inherit;color:inherit;cursor:pointer}
a{color:var(--cb-link)}
:focus-visible{outline:3px solid color-mix(in srgb,var(--cb-link) 70%,transparent);outline-offset:2px}
.head :focus-visible,.user :focus-visible{outline-color:#fff}
.sr-only{position:absolute;width:1px;height:1px;margin:-1px;padding:0;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0}
svg{width:20px;height:20px;fill:none;stroke:currentColor;stroke-width:2;stroke-linecap:round;stroke-linejoin:round;flex:none}
.launcher{position:fixed;bottom:20px;right:20px;z-index:2147483000;width:58px;height:58px;border:0;border-radius:50%;
background:var(--cb-accent);color:#fff;display:grid;place-items:center;box-shadow:0 6px 20px rgba(15,23,42,.28);
transition:transform .15s}
.launcher:hover{transform:scale(1.06)}
.launcher svg{width:26px;height:26px}
.left .launcher{right:auto;left:20px}
.panel{position:fixed;bottom:92px;right:20px;z-index:2147483000;width:390px;height:min(640px,calc(100vh - 116px));
display:flex;flex-direction:column;background:var(--cb-bg);border-radius:16px;overflow:hidden;
box-shadow:0 12px 48px rgba(15,23,42,.25),0 0 0 1px rgba(15,23,42,.06)}
.left .panel{right:auto;left:20px}
.panel[hidden]{display:none}
.head{display:flex;align-items:center;gap:4px;padding:12px 8px 12px 18px;background:var(--cb-accent);color:#fff}
.head h2{flex:1;margin:0;font-size:16px;font-weight:600;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.icon-btn{width:36px;height:36px;border:0;border-radius:8px;background:transparent;display:grid;place-items:center}
.icon-btn:hover{background:rgba(255,255,255,.18)}
.log{flex:1;overflow-y:auto;padding:16px 14px;display:flex;flex-direction:column;gap:12px;background:var(--cb-soft);
overscroll-behavior:contain}
.msg{max-width:88%;padding:10px 13px;border-radius:14px;overflow-wrap:anywhere}
.msg p{margin:0}
.user{align-self:flex-end;background:var(--cb-accent);color:#fff;border-bottom-right-radius:4px;white-space:pre-wrap}
.bot{align-self:flex-start;background:var(--cb-bg);border:1px solid var(--cb-line);border-bottom-left-radius:4px}
.answer p+p,.answer p+ul,.answer p+ol,.answer ul+p,.answer ol+p{margin-top:8px}
.answer ul,.answer ol{margin:4px 0 0;padding-left:20px}
.answer code{font:13px ui-monospace,Menlo,Consolas,monospace;background:var(--cb-soft);padding:1px 4px;border-radius:4px}
.answer pre{margin:4px 0 8px;padding:8px 10px;background:var(--cb-soft);border-radius:6px;overflow-x:auto;white-space:pre}
.answer pre code{padding:0;background:none}
.abstained{background:var(--cb-warn-bg);border-color:var(--cb-warn-line)}
.abstained .answer{color:var(--cb-warn-ink)}
.badge{display:flex;align-items:center;gap:6px;font-size:12px;font-weight:600;text-transform:uppercase;letter-spacing:.04em;
color:var(--cb-warn-badge);margin-bottom:4px!important}
.badge svg{width:16px;height:16px}
.error{background:var(--cb-err-bg);border-color:var(--cb-err-line)}
.error-text{color:var(--cb-err-ink);margin-top:4px!important}
.retry,.suggestion,.comment-send{display:inline-flex;align-items:center;gap:6px;padding:5px 12px;border-radius:999px;
border:1px solid var(--cb-line);background:var(--cb-bg);font-size:13px}
.retry{margin-top:8px;color:var(--cb-err-ink);border-color:var(--cb-err-line)}
.retry svg{width:15px;height:15px}
.suggestions{display:flex;flex-wrap:wrap;gap:6px;max-width:94%}
.suggestion{color:var(--cb-link);text-align:left}
.suggestion:hover,.retry:hover,.comment-send:hover{border-color:currentColor}
.cites{white-space:nowrap}
.chip{display:inline-grid;place-items:center;min-width:18px;height:18px;padding:0 4px;margin-left:3px;vertical-align:1px;
border:0;border-radius:5px;background:color-mix(in srgb,var(--cb-accent) 14%,var(--cb-bg));color:var(--cb-link);
font-size:11px;font-weight:700;line-height:1}
.chip:hover{background:var(--cb-accent);color:#fff}
.sources{margin-top:10px;padding-top:8px;border-top:1px solid var(--cb-line);font-size:13px}
.sources-label{font-size:12px;font-weight:600;color:var(--cb-muted);margin-bottom:4px!important}
.sources ul{list-style:none;margin:0;padding:0;display:flex;flex-direction:column;gap:6px}
.doc-title{display:inline;font-weight:600;overflow-wrap:anywhere}
a.doc-title{text-decoration:none}
a.doc-title:hover{text-decoration:underline}
a svg{width:13px;height:13px;margin-left:3px;vertical-align:-1px}
.passages{display:flex;flex-wrap:wrap;gap:4px;margin-top:3px}
.source{display:inline-flex;align-items:baseline;gap:6px;max-width:100%;border:1px solid var(--cb-line);background:none;padding:2px 8px;
border-radius:6px;font-size:12px;color:var(--cb-muted);text-align:left}
.source:hover{background:var(--cb-soft);color:var(--cb-ink)}
.num{flex:none;font-weight:700;color:var(--cb-link)}
.place{overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.actions{display:flex;align-items:center;gap:2px;margin-top:8px}
.act{width:30px;height:30px;border:0;border-radius:7px;background:none;color:var(--cb-muted);display:grid;place-items:center}
.act svg{width:17px;height:17px}
.act:hover{background:var(--cb-soft);color:var(--cb-ink)}
.act[aria-pressed=true]{color:var(--cb-link);background:color-mix(in srgb,var(--cb-accent) 14%,var(--cb-bg))}
.action-status{font-size:12px;color:var(--cb-muted);margin-left:6px}
.comment{display:flex;flex-direction:column;align-items:flex-start;gap:6px;margin-top:6px}
.comment textarea{width:100%;min-height:0}
.typing{display:flex;gap:4px;padding:4px 0}
.typing span{width:7px;height:7px;border-radius:50%;background:var(--cb-muted);animation:cb-blink 1.2s infinite}
.typing span:nth-child(2){animation-delay:.2s}.typing span:nth-child(3){animation-delay:.4s}
@keyframes cb-blink{0%,80%,100%{opacity:.25}40%{opacity:1}}
.composer{display:flex;align-items:flex-end;gap:8px;padding:10px 12px;border-top:1px solid var(--cb-line);background:var(--cb-bg)}
textarea{flex:1;resize:none;max-height:120px;min-height:40px;padding:8px 12px;border:1px solid var(--cb-line);border-radius:12px;
font-size:16px;line-height:1.4;font-family:inherit;color:inherit;background:var(--cb-bg);outline:none}
textarea::placeholder{color:var(--cb-muted)}
textarea:focus{border-color:var(--cb-link)}
.send{width:40px;height:40px;border:0;border-radius:12px;background:var(--cb-accent);color:#fff;display:grid;place-items:center}
.sheet{position:absolute;inset:60px 0 0;background:var(--cb-bg);display:flex;flex-direction:column;overflow:hidden}
.sheet[hidden]{display:none}
.sheet-bar{display:flex;align-items:center;padding:8px;border-bottom:1px solid var(--cb-line)}
.back{display:inline-flex;align-items:center;gap:4px;padding:6px 12px 6px 6px;border:0;border-radius:8px;background:none;
color:var(--cb-link);font-size:14px;font-weight:600}
.back:hover{background:var(--cb-soft)}
.sheet-body{flex:1;min-height:0;display:flex;flex-direction:column;padding:6px 18px 18px}
.sheet-label{margin:8px 0 2px;font-size:12px;font-weight:600;text-transform:uppercase;letter-spacing:.04em;color:var(--cb-link)}
.sheet h3{margin:0 0 10px;font-size:17px;line-height:1.35}
.sheet-meta{margin:-6px 0 12px;font-size:13px;color:var(--cb-muted);overflow-wrap:anywhere}
.passage-text{position:relative;flex:0 1 auto;min-height:0;overflow-y:auto;margin:0;padding:12px 14px;border-left:3px solid var(--cb-accent);
background:var(--cb-soft);border-radius:0 8px 8px 0;white-space:pre-wrap;overflow-wrap:anywhere;font-size:14px}
mark{background:color-mix(in srgb,var(--cb-accent) 22%,var(--cb-bg));color:inherit;border-radius:3px;padding:1px 0;
box-shadow:0 0 0 2px color-mix(in srgb,var(--cb-accent) 22%,var(--cb-bg))}
@media (max-width:480px){
.panel,.left .panel{inset:0;width:auto;height:auto;border-radius:0}
.open .launcher{display:none}
.msg{max-width:94%}
}
@media (prefers-reduced-motion:reduce){.launcher,.typing span{transition:none;animation:none}}
`;
