"""Books of modelsearch's test app, saved and searched the way the index tests need them."""

import datetime

from modelsearch.test.testapp import models


def make_book(title):
    return models.Book.objects.create(
        title=title, number_of_pages=10, publication_date=datetime.date(2020, 1, 1)
    )


def found(backend, word):
    return sorted(book.title for book in backend.search(word, models.Book))
