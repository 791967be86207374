from django.db import models


class Post(models.Model):
    title = models.CharField(max_length=200)
    content = models.TextField()
    word_count = models.IntegerField(default=0)
    slug = models.SlugField(max_length=200, blank=True)

    def __str__(self):
        return self.title
