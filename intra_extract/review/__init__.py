"""`intra-extract review`: a local web page where an archivist checks every record on its page.

`server` is the web layer (Starlette, served by uvicorn); `pages` renders and caches PDF pages
and finds the text under a drawn box; the decisions themselves are `intra_extract.corrections`.
The page is plain HTML, CSS and JavaScript shipped in `static/`: no build step, nothing fetched.
"""
