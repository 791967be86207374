#! argv: migrate
#! apps: blog
from django.db import models


class Author(models.Model):
    name = models.CharField(max_length=50)


class Post(models.Model):
    author = models.ForeignKey(Author, on_delete=models.CASCADE)
    title = models.CharField(max_length=50)
    tags = models.ManyToManyField(Author, related_name='tagged')

    @property
    def author_id(self):
        return 1

    class Meta:
        ordering = ['author__nme', '-titel', 'author__name__lower', 'pk', '?']
        unique_together = [('title', 'tags')]
        indexes = [models.Index(fields=['titel'], name='_bad'), models.Index(fields=['title'], name='x' * 31)]
        constraints = [models.CheckConstraint(condition=models.Q(author__name='x'), name='c1'), models.UniqueConstraint(fields=['tags'], name='u1')]


class Thing(models.Model):
    id = models.IntegerField()
    other = models.IntegerField(primary_key=True)


class Ordered(models.Model):
    author = models.ForeignKey(Author, on_delete=models.CASCADE)

    class Meta:
        ordering = 'author'
        order_with_respect_to = 'author'
