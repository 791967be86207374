from django.db import models


class Post(models.Model):
    title = models.CharField(max_length=250)
    content = models.TextField()
    views_count = models.IntegerField(default=0)
    summary = models.CharField(max_length=300, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["-views_count"], name="post_views_desc_idx"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["title"], name="unique_post_title"),
        ]
