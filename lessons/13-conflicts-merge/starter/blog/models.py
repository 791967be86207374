from django.db import models


class Post(models.Model):
    title = models.CharField(max_length=200)
    content = models.TextField()
    # From your branch:
    views_count = models.IntegerField(default=0)
    # From Ann's branch:
    summary = models.CharField(max_length=300, blank=True)
