#! argv: migrate
#! apps: blog
from django.db import models


class Author(models.Model):
    name = models.CharField(max_length=50)

    class Meta:
        indexes = [models.Index(fields=['-name', 'name__lower'], name='idx_name')]
        unique_together = ('name', 'nope')
        ordering = ['-name', 'pk', 'book__title']


class Book(models.Model):
    title = models.CharField(max_length=50)
    author = models.ForeignKey(Author, on_delete=models.CASCADE)

    class Meta:
        unique_together = 'title'
        constraints = [
            models.UniqueConstraint(fields=['title'], name='same'),
            models.UniqueConstraint(fields=['author'], name='same'),
            models.CheckConstraint(condition=models.Q(author__name__startswith='A'), name='joined'),
            models.CheckConstraint(condition=models.Q(title__startswith='A') | models.Q(nope=1), name='missing'),
        ]


class Book2(models.Model):
    class Meta:
        db_table = 'blog_book'
        indexes = [models.Index(fields=['id'], name='idx_name')]
