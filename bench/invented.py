"""Quality on the invented page sets in bench/invented/, in all three dump styles.

    pip install beautifulsoup4          # restyle.py needs it; scrubber never does
    python bench/invented.py [--scorer ../shared/bench/evaluate.py] [--sets news shapes]

Reviewers wrote these pages for this project (no benchmark text), each an HTML page with
the site's full chrome and a gold text (headline first, then the article):

- shapes: 32 pages of shapes other than news (forum threads, Q&A, product and job
  pages, docs, recipes, listicles, live blogs, events, a tide table), mostly English;
- portals: 30 news-portal pages in 22 languages other than English, heavy chrome;
- news: 30 English news, wire, blog and trend pages from many kinds of templates;
- genres: 30 pages of other genres (reviews, tutorials, government, university, press
  releases, wikis, podcasts, obituaries, listings, FAQs), 12 of them not in English;
- hard: 30 pages built to be hard for a text-only cleaner (bodies that are tables, lists
  or live tickers, prose chrome such as bios and disclaimers, mixed languages, briefs in
  heavy chrome), 23 of them not in English.
- languages: 30 pages in 22 languages rarely tested (Polish to Swahili, Bengali, Thai,
  Hebrew, Tagalog), news, blogs, government, forum, docs and shop pages;
- edges: 30 pages whose difficulty is at the article's edges (closing lines, signatures,
  lists and addresses at the end, leads above the byline, very short articles, pages with
  little chrome, menu-like subheadings), 8 of them not in English.
- older: 30 pages of the older web (table layouts, personal and course pages, old blogs
  and forums, FAQs, mailing lists, hobby sites), 8 of them not in English;
- heavy: 30 news-portal articles in very heavy chrome (mega-menus, tickers, boxes of
  headlines, widgets, galleries, in-article related boxes), in Chinese, Russian, Greek,
  Polish, Japanese, Korean and English;
- magazines: 30 longform features, essays, interviews and reviews in 8 languages (pull
  quotes, drop caps, captions, in-article ads and paywall prompts, author boxes);
- blogs: 30 blog and newsletter posts on many platforms in 10 languages (code blocks,
  comment threads, support and subscribe prompts, recipe cards, platform counters);
- local: 30 local news, sports and weather pages in 10 languages (tip prompts, live
  scores, match reports, weather widgets, guest books);
- technews: 30 technology and science news, release notes and tutorials in 10 languages
  (press-release back matter, docs chrome, summary boxes, code);
- web2010: 30 news and blog pages of the 2007-2013 web in 9 languages (Digg bars, blogrolls,
  "Posted by" footers, trackbacks, comment counts);
- tabloid: 30 entertainment, celebrity and viral pages in 10 languages (social embeds,
  galleries, video players, shopping boxes, polls);
- portals2011: 30 news articles of 2010-2013 portals in Greek, Polish, Russian, Chinese and
  English (name-day boxes, print and font-size tools, source and editor lines, galleries);
- services: 30 government, city, health, NGO, university and utility pages in 10 languages
  (mega-menus, review stamps, feedback questions, tables of fees and opening hours).

Each set is dumped in the three styles by bench/restyle.py (as the benchmark makes them),
cleaned by `scrubber clean DIR -o OUT` and scored by the benchmark's scorer, beside the
dump unchanged (passthrough). Prints mean F1 / precision / recall per set and style.
"""

from __future__ import annotations

import argparse
import json
import shlex
import subprocess
import sys
import tempfile
from pathlib import Path

from restyle import STYLES, restyle

HERE = Path(__file__).resolve().parent
SETS = HERE / "invented"
SCRUBBER = shlex.quote(str(Path(sys.executable).with_name("scrubber")))
EXCLUDE = "--exclude '*.gold.txt' --exclude manifest.jsonl"  # only the dumps are pages
SYSTEMS = {
    "passthrough": "mkdir -p {out} && cp {in}/* {out}/",
    "scrubber": f"{SCRUBBER} clean {{in}} -o {{out}} {EXCLUDE}",
}


def score(scorer: Path, data: Path, command: str) -> dict[str, float]:
    """The scorer's mean F1, precision and recall of `command` (a --batch command) on data."""
    with tempfile.TemporaryDirectory() as tmp:
        summary = Path(tmp) / "summary.json"
        args = [sys.executable, str(scorer), str(data), "--batch", command, "--by", ""]
        quiet = subprocess.DEVNULL
        subprocess.run([*args, "--json", str(summary)], check=False, stdout=quiet, stderr=quiet)
        result: dict[str, float] = json.loads(summary.read_text(encoding="utf-8"))
        return result


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--scorer", type=Path, default=HERE.parent / "../shared/bench/evaluate.py")
    parser.add_argument("--sets", nargs="*", default=sorted(p.name for p in SETS.iterdir()))
    args = parser.parse_args()
    print(f"{'set':9} {'style':10} {'pages':>5}  {'passthrough F1':>14}  scrubber F1 / P / R")
    with tempfile.TemporaryDirectory() as tmp:
        for name in args.sets:
            pages = restyle(SETS / name, Path(tmp) / name)
            for style in STYLES:
                data = Path(tmp) / name / style
                base = score(args.scorer, data, SYSTEMS["passthrough"])
                ours = score(args.scorer, data, SYSTEMS["scrubber"])
                print(
                    f"{name:9} {style:10} {pages:5}  {base['f1']:14.3f}  "
                    f"{ours['f1']:.3f} / {ours['precision']:.3f} / {ours['recall']:.3f}"
                )


if __name__ == "__main__":
    main()
