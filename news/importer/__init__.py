"""Importing articles from the old portals: plain-text captures and saved HTML pages.

    reading.py     files on disk -> text (encodings, binary and empty files)
    dates.py       "15/09/2023 08:30:00AM", "Thứ Hai, 21/03/2019", ISO dates -> aware datetimes
    text_page.py   a plain-text capture -> LegacyArticle
    html_page.py   a saved HTML page -> LegacyArticle
    service.py     LegacyArticle -> Article (category, organisation, duplicates, drafts)

`manage.py import_articles` drives it (news/management/commands/import_articles.py).
"""
