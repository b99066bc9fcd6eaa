"""The slide show's and the presenter's screen's style sheets: static styling only, never data."""

# Static styling only (never data). Type scales with the screen width (20 px at 1920, 14 px at 1280) and the
# visual takes the height that the heading, takeaway, source and buttons leave, so nothing scrolls.
SLIDE = """<style>
html{font-size:clamp(14px,1.05vw,20px)}
[data-testid='stHeader']{display:none}
/* Projector text: the status, filter and source lines dark and >= 18 px at 1920 (>= 14 px at 1280 x 720). */
.stMainBlockContainer [data-testid='stCaptionContainer'], .stMainBlockContainer [data-testid='stCaptionContainer'] p{
 font-size:max(14px,0.95rem);color:#1F2933}
.st-key-smt_slide_source p{white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
.smt-national{font-size:max(14px,1.05rem);font-weight:700;color:#7A2E00;background:#FFF1E6;border-left:6px solid #D55E00;
 padding:0.25rem 0.7rem;margin:0.2rem 0 0 0}
/* The go-to list shows whole titles. */
[data-baseweb='popover'] [role='option'] *{white-space:normal !important;overflow:visible !important;
 text-overflow:clip !important}
[data-baseweb='popover'] ul[role='listbox']{min-width:min(70vw,60rem)}
.stMainBlockContainer{max-width:none;padding:0.8rem 2.2rem 0.4rem 2.2rem}
.stMainBlockContainer [data-testid='stVerticalBlock']{gap:0.45rem}
.st-key-smt_slide_top{gap:0.4rem}
.st-key-smt_slide_top [data-testid='stCaptionContainer']{flex:1 1 20rem}
.st-key-smt_slide h1{font-size:1.75rem;line-height:1.25;padding:0.2rem 0 0 0;margin:0}
.st-key-smt_slide [data-testid='stHeading']{margin:0 0 0.35rem 0}
.st-key-smt_slide [data-testid='stHeading'] > div{min-height:0}
.st-key-smt_slide_takeaway{margin-top:0.5rem}
/* Streamlit pulls a Markdown block up by its paragraph's margin; with the margin at 0 the visual overlapped it. */
.st-key-smt_slide_takeaway [data-testid='stMarkdownContainer']{margin-bottom:0}
.st-key-smt_slide_takeaway p{font-size:1.15rem;font-weight:600;margin:0;line-height:1.35}
[class*='st-key-smt_slide_visual_'] img{height:calc(100vh - 18.5rem);max-height:calc(100vh - 18.5rem);max-width:100%;
 width:auto;object-fit:contain}
[class*='st-key-smt_slide_visual_']{max-height:calc(100vh - 18rem);overflow:hidden}
.st-key-smt_slide_notes{position:fixed;left:2.2rem;bottom:0.4rem;width:calc(100vw - 4.4rem);box-sizing:border-box;
 max-height:40vh;overflow:auto;z-index:50;background:#FFFFFF;border:2px solid #1F2933;border-radius:8px;
 padding:0.6rem 1rem;box-shadow:0 -4px 18px rgba(0,0,0,.25)}
.st-key-smt_slide_notes h3{font-size:1.2rem;margin:0;padding:0}
.st-key-smt_slide_notes ul{margin:0 0 0 1.2rem;padding:0}
.st-key-smt_slide_notes p, .st-key-smt_slide_notes li{font-size:max(14px,1rem);margin:0}
/* Tables and the SWOT read from the back of the room too: 24 px at 1920 wide. */
.smt-slide-table{border-collapse:collapse;font-size:1.2rem;width:100%;line-height:1.3}
.smt-slide-table th{background:#1F2933;color:#fff;text-align:left;padding:0.3rem 0.6rem}
.smt-slide-table td{border-bottom:1px solid #D5DCE3;padding:0.3rem 0.6rem}
.smt-slide-table td.num{text-align:right}
.smt-swot{display:grid;grid-template-columns:1fr 1fr;gap:0.6rem}
.smt-swot-cell{background:#F2F5F8;padding:0.4rem 0.8rem;border-radius:6px}
.smt-swot-cell h3{font-size:1.3rem;margin:0;padding:0}
.smt-swot-cell ul{margin:0.2rem 0 0 1.2rem;padding:0;font-size:max(14px,1.05rem);line-height:1.3}
.smt-more{font-size:max(14px,1rem);color:#1F2933;margin:0.2rem 0 0 0}
.smt-figure{padding:1rem 0}
.smt-figure-label{font-size:1.4rem;margin:0;color:#44505C}
.smt-figure-value{font-size:4.5rem;font-weight:700;margin:0;line-height:1.1;white-space:nowrap}
.smt-figure-detail{font-size:1.2rem;margin:0.3rem 0 0 0}
</style>"""

# The presenter's screen: the notes in large type beside a smaller slide.
PRESENTER = """<style>
.st-key-smt_presenter_notes p, .st-key-smt_presenter_notes li{font-size:max(16px,1.25rem);line-height:1.4}
.st-key-smt_presenter_next p{font-size:max(14px,1.05rem)}
.st-key-smt_presenter_side [data-testid='stMetricValue']{font-size:2.2rem}
.st-key-smt_presenter_slide [class*='st-key-smt_slide_visual_'] img{height:auto;max-height:52vh}
</style>"""
