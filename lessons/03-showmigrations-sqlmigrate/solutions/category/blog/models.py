from django.db import models


class Post(models.Model):
    title = models.CharField(max_length=200)
    content = models.TextField()


class Category(models.Model):
    name = models.CharField(max_length=100, unique=True)
