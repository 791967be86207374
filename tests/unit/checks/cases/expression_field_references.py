#! argv: migrate
#! apps: blog
from django.db import models
from django.db.models.functions import Lower, ExtractYear, Trunc


class Post(models.Model):
    title = models.CharField(max_length=200)
    created = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(Lower('titel'), name='uniq_lower'),
            models.UniqueConstraint(ExtractYear('created'), Lower('title'), name='uniq_year'),
        ]
        indexes = [
            models.Index(Trunc('created', 'month'), name='trunc_idx'),
            models.Index(Lower('nme').desc(), name='desc_idx'),
        ]
