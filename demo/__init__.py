"""Demo content for a fresh installation: `python manage.py load_demo`.

data.py holds the fixed records (organisations, people, categories, real
directives), articles.py builds any number of distinct articles from
templates, images.py draws the pool of illustration photos and loader.py
writes it all to the database without ever creating anything twice.
"""
